"""Chasing late units (đôn đốc): reminders by e-mail, recorded against each task they list
(reminders.py), the mail settings and SMTP (mail.py), the leaders' digest (digest.py); the
official reminder letter to come. It stands on reports, the clerk's writes and the register;
only cli/ stands on it."""
