"""The register: the file and its schema history, the typed tables, the status rule and its spans,
the checks every event passes, its seals, and finding units, directives and tasks from what a clerk
types. Everything else stands on this room; it stands only on the ground floor (dates, text, errors,
i18n)."""
