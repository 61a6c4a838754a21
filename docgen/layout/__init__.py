"""Stage 4: scored evaluation + profile → one ``Layout`` of the form that every format paints."""
