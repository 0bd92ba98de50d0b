"""dondoc: follow up the tasks that official directives assign, and chase the late ones."""

__version__ = "0.1.0"
