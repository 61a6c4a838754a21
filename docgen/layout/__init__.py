"""Stage 4: scored evaluation + profile → one ``TableLayout`` of the form that every format paints."""
