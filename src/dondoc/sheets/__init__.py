"""Files in and out: CSV, XLSX, JSON and JSON Lines readers and writers (with formula quoting), the
columns people read, what every import shares, the task, unit and event imports, and export."""
