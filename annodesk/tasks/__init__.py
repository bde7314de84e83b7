"""The task view's widget-free side: the controller a window binds to and the owner of its async work."""
