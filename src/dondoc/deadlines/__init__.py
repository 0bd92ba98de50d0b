"""Deadlines: working days and the holidays of the register's calendar, periods, recurring tasks,
and preparing the register for a date (the instances and calendar years a report as of that date
reads)."""
