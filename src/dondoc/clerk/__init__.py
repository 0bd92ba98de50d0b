"""The clerk's writes: tasks, units and directives added, progress, completions, extensions, edits
with their change log, voids, and reorganised units. One transaction per command."""
