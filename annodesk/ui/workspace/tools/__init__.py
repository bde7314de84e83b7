"""Canvas interaction modes (``CanvasTool``): drawing new objects and editing the selected one.

Tools emit what the user drew or changed, in image coordinates; the workspace controller turns that into edits.
"""
