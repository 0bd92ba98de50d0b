"""The reminder letter as a Word document: the default template, and a template filled in.

A template is a real .docx with docxtpl's Jinja2 tags (`{{ issuer }}`, `{%p for u in units %}`,
`{%tr for t in u.tasks %}`), so an office opens it in Word or LibreOffice, changes the wording or
the layout, and gives it back with `--template`. The default one is built here with python-docx
rather than shipped as a binary file: the layout is then code that a review reads, that changes
with the fields it uses, and `dondoc letter template -o mau.docx` writes exactly what the
command uses. Its layout follows Nghị định 30/2020/NĐ-CP (appendix I): A4, margins 20/20/30/15
mm, Times New Roman 13-14, the header (issuer, number and subject; national motto and date
line) as a two-column table without borders, the signature block beside "Nơi nhận".

python-docx, docxtpl and Jinja2 are loaded only here, by the command that writes a letter.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

from dondoc.errors import DondocError

if TYPE_CHECKING:
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"


def _paragraph(where: Any, text: str = "", *, size: float = 14, bold: bool = False,
               italic: bool = False, align: str = "center", after: float = 0,
               indent_first: float = 0, indent_left: float = 0, reuse: bool = False
               ) -> Paragraph:
    """A paragraph of one run (a docxtpl tag must stay within one run)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph: Paragraph = where.paragraphs[0] if reuse else where.add_paragraph()
    paragraph.alignment = {"center": WD_ALIGN_PARAGRAPH.CENTER, "left": WD_ALIGN_PARAGRAPH.LEFT,
                           "right": WD_ALIGN_PARAGRAPH.RIGHT,
                           "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[align]
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(after)
    if indent_first:
        fmt.first_line_indent = Cm(indent_first)
    if indent_left:
        fmt.left_indent = Cm(indent_left)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return paragraph


def _rule(cell: _Cell, left: float, right: float) -> None:
    """The short line under the issuer's name and under the motto: the bottom border of an
    empty paragraph, shortened by its indents."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    paragraph = _paragraph(cell, size=4)
    paragraph.paragraph_format.left_indent = Cm(left)
    paragraph.paragraph_format.right_indent = Cm(right)
    paragraph.paragraph_format.line_spacing = Pt(4)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _widths(table: Any, widths_cm: list[float]) -> None:
    from docx.shared import Cm

    table.autofit = False
    # LibreOffice lays a table out by its grid, Word by its cells: set both.
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=True):
        column.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def default_template() -> bytes:
    """The default letter template, a .docx with docxtpl tags."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    normal.paragraph_format.space_after = Pt(0)

    _paragraph(doc, "{%p if draft %}")
    _paragraph(doc, "DỰ THẢO", size=12, bold=True, align="right")
    _paragraph(doc, "{%p endif %}")

    # The header: issuer, number and subject on the left; motto and date line on the right.
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(header, [7.0, 9.5])
    left, right = header.rows[0].cells
    _paragraph(left, "{{ authority|upper }}", size=13, reuse=True)
    _paragraph(left, "{{ issuer|upper }}", size=13, bold=True)
    _rule(left, 2.0, 2.0)
    _paragraph(left, "Số: {{ number }}", size=13, after=2)
    _paragraph(left, "V/v {{ subject }}", size=12)
    # The motto stays on one line (Nghị định 30: 12-13 pt bold capitals): at 12 pt it takes
    # 8.8 cm of the 9.5 cm column (less the cell's 0.4 cm of margins); at 13 pt, 9.5 cm.
    _paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, reuse=True)
    _paragraph(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(right, 2.2, 2.2)
    _paragraph(right, "", size=13)
    _paragraph(right, "{{ date_line }}", size=14, italic=True)

    _paragraph(doc, "", after=6)
    _paragraph(doc, "Kính gửi:", align="left", indent_left=3.0)
    _paragraph(doc, "{%p for name in recipients %}")
    _paragraph(doc, "- {{ name }}{{ '.' if loop.last else ';' }}", align="left",
               indent_left=5.0)
    _paragraph(doc, "{%p endfor %}")
    _paragraph(doc, "", after=6)

    def body(text: str, **kwargs: Any) -> Paragraph:
        paragraph = _paragraph(doc, text, align="justify", indent_first=1.27, after=6, **kwargs)
        paragraph.paragraph_format.line_spacing = 1.15
        return paragraph

    body("{{ intro }}")
    _paragraph(doc, "{%p for d in directives %}")
    body("- {{ d.citation }};")
    _paragraph(doc, "{%p endfor %}")
    body("Cụ thể như sau:")
    _paragraph(doc, "{%p for u in units %}")
    body("{{ u.heading }}", bold=True).paragraph_format.keep_with_next = True
    tasks = doc.add_table(rows=4, cols=5)
    # A task's row stays on one page; the headings repeat on the next.
    tasks.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    tasks.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    tasks.style = doc.styles["Table Grid"]
    tasks.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(tasks, [1.3, 6.3, 3.3, 2.8, 2.8])
    headings = ["STT", "Nội dung nhiệm vụ", "Văn bản giao", "Hạn xử lý", "Số ngày quá hạn"]
    cells = ["{{ t.n }}", "{{ t.content }}", "{{ t.directive }}", "{{ t.due }}", "{{ t.late }}"]
    for i, cell in enumerate(tasks.rows[0].cells):
        _paragraph(cell, headings[i], size=12, bold=True, reuse=True)
    _paragraph(tasks.rows[1].cells[0], "{%tr for t in u.tasks %}", size=12, reuse=True)
    for i, cell in enumerate(tasks.rows[2].cells):
        _paragraph(cell, cells[i], size=12, align="left" if i == 1 else "center", reuse=True)
    _paragraph(tasks.rows[3].cells[0], "{%tr endfor %}", size=12, reuse=True)
    _paragraph(doc, "", after=6)
    _paragraph(doc, "{%p endfor %}")
    body("{{ request }}")
    closing = body("{{ closing }}")

    # "Nơi nhận" on the left, the signature on the right.
    sign = doc.add_table(rows=1, cols=2)
    _widths(sign, [7.5, 9.0])
    # The signature block is never split over two pages, nor parted from the closing line.
    sign.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    closing.paragraph_format.keep_with_next = True
    left, right = sign.rows[0].cells
    _paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", reuse=True)
    _paragraph(left, "- Như trên;", size=11, align="left")
    _paragraph(left, "{%p for c in copies %}", size=11, align="left")
    _paragraph(left, "- {{ c }};", size=11, align="left")
    _paragraph(left, "{%p endfor %}", size=11, align="left")
    _paragraph(left, "- Lưu: VT.", size=11, align="left")
    _paragraph(right, "{{ position|upper }}", size=14, bold=True, reuse=True)
    for _ in range(4):
        _paragraph(right, "", size=14)
    _paragraph(right, "{{ signer }}", size=14, bold=True)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render(template: bytes, source: str, fields: dict[str, Any]) -> bytes:
    """The letter: `template` (read from `source`, named in errors) filled with `fields`. A
    template that is no .docx, or has a tag that is wrong or unknown, is one error naming the
    tag and the paragraph it is in."""
    import jinja2
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    try:
        with zipfile.ZipFile(io.BytesIO(template)) as package:
            xml = package.read("word/document.xml").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as exc:
        raise DondocError("template {path} is not a Word .docx document ({error})",
                          "save it from Word or LibreOffice as .docx, or write the default "
                          "one with `dondoc letter template -o mau.docx`",
                          path=source, error=str(exc) or type(exc).__name__) from None
    document = DocxTemplate(io.BytesIO(template))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    _check_tags(env, source, xml)
    try:
        document.render(fields, env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        # Every tag is right on its own (_check_tags): the blocks do not match, and the line
        # of docxtpl's rewritten XML that jinja2 gives is no paragraph of the template.
        raise _template_error(source, exc.message or str(exc), None) from None
    except jinja2.UndefinedError as exc:
        name = _undefined_name(str(exc))
        where = _paragraph_naming(xml, name)
        raise _template_error(source, f"{exc.message or exc} (a field the letter does not "
                              "have)", where) from None
    except jinja2.TemplateError as exc:
        raise _template_error(source, str(exc), None) from None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _template_error(source: str, what: str, where: tuple[int, str] | None) -> DondocError:
    hint = ("fix the tag in Word or LibreOffice; `dondoc letter template --help` lists the "
            "fields")
    if where is None:
        return DondocError("template {path}: {what}", hint, path=source, what=what)
    number, text = where
    return DondocError("template {path}, paragraph {number} ({text!r}): {what}", hint,
                       path=source, number=number, text=text, what=what)


def _paragraphs(xml: str) -> list[str]:
    """The text of each paragraph of the document's body (in tables too), in order."""
    return [re.sub(r"<[^>]+>", "", chunk) for chunk in re.split(r"(?=<w:p[ >/])", xml)[1:]]


# docxtpl's own tags, which it rewrites before jinja2 reads the template.
_DOCXTPL_PREFIX = re.compile(r"([{][{%#])(?:p|tr|tc|r) ")
_DOCXTPL_TAGS = {"colspan", "cellbg", "vm", "hm"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_OPENS = {"for", "if", "with", "macro", "call", "filter", "block", "autoescape"}
_CLOSES = {"else", "elif"} | {"end" + word for word in _OPENS | {"set"}}


def _check_tags(env: Any, source: str, xml: str) -> None:
    """Each paragraph's tags, read by jinja2 one paragraph at a time, so that a wrong tag is
    blamed on its own paragraph: read whole (docxtpl's rewritten XML), a `}` left out swallows
    the paragraphs after it and jinja2's line is another paragraph's."""
    import html

    import jinja2

    for number, raw in enumerate(_paragraphs(xml), 1):
        text = _DOCXTPL_PREFIX.sub(r"\1 ", html.unescape(raw))
        if "{" not in text:
            continue
        try:
            list(env.lex(text))  # a tag not closed, a stray brace
            for tag in _TAG.findall(text):
                word = re.match(r"\{%-?\s*(\w*)", tag)
                keyword = word.group(1) if word else ""
                if keyword in _CLOSES or keyword in _DOCXTPL_TAGS:
                    continue  # matched against its block by the whole template
                if keyword in _OPENS or (keyword == "set" and "=" not in tag):
                    tag += "{% end" + keyword + " %}"
                env.compile(tag)  # a bad expression, an unknown filter or tag
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(source, exc.message or str(exc),
                                  (number, raw.strip())) from None


def _undefined_name(message: str) -> str:
    """'unitz' is undefined -> unitz; 'dict object' has no attribute 'nme' -> nme."""
    found = re.search(r"attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined",
                                                                    message)
    return found.group(1) if found else ""


def _paragraph_naming(xml: str, name: str) -> tuple[int, str] | None:
    """The first paragraph whose tags use `name`."""
    if not name:
        return None
    pattern = re.compile(r"\{[{%][^}]*\b" + re.escape(name) + r"\b[^}]*[}%]\}")
    for number, text in enumerate(_paragraphs(xml), 1):
        if pattern.search(text):
            return number, text.strip()
    return None
