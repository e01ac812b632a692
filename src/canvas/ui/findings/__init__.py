"""UI layer, the checker in the editor: the live checker service, the findings panel, the
canvas overlay, the status-bar summary and the rule dialogs."""
