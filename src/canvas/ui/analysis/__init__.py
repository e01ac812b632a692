"""UI layer, the analysis panels: latency and cost charts and the Figure 1-1 coverage view."""
