"""Qt item models that present CVAT objects to the views."""
