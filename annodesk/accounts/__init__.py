"""Accounts: several servers and users at once (the controller; the kept list is annodesk/session/accounts.py)."""
