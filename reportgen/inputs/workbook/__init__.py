"""The fill-in workbook: the data files as Excel/WPS 表格 sheets (form.py), written for departments to fill
(write.py) and read back with the cell of every value (read.py), after refusing unsafe files (safety.py)."""
