"""The widgets: sign-in and registration dialogs, the main window and its parts."""
