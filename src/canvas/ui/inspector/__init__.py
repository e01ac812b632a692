"""UI layer, the inspector: the forms that edit the selected component or link."""
