"""The annotation workspace's widgets: the window over a job, its panels, navigation, and opening jobs."""
