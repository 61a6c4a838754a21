"""Stage 3: scored evaluation → findings (code, severity, file:line, Chinese message, published vs right
value); ``Checked``, one file after checking; the ``docgen check`` listing."""
