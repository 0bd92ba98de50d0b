"""Chasing late units (đôn đốc): reminders by e-mail recorded in each task's history, the leaders'
digest, the official reminder letter. Empty until the reminders issue fills it; it will stand on
reports, the clerk's writes and the register, and only cli/ stands on it."""
