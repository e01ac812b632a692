"""UI layer, the window: the main window (menus, toolbar, docks), its start-up frame, and
the wiring that docks the checker's panels into it."""
