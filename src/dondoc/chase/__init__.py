"""Chasing late units (đôn đốc) and the documents that go with it: reminders by e-mail,
recorded against each task they list (reminders.py), the mail settings and SMTP (mail.py), the
leaders' digest (digest.py), the official reminder letter (letter.py, letter_docx.py), the
quarterly public list (disclosure.py), each official's work plan (workplan.py). It stands on
reports, sheets, the clerk's writes and the register; only cli/ stands on it."""
