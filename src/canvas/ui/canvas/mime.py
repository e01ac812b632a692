"""UI layer: the mime types the palette, the canvas and the clipboard exchange."""

#: A palette entry being dragged: the payload is the kind id, UTF-8.
KIND_MIME = "application/x-ml-canvas-kind"
#: Copied components: the payload is a core clipboard fragment as JSON.
FRAGMENT_MIME = "application/x-ml-canvas-fragment"
