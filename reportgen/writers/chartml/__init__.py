"""Native, editable DrawingML charts (a c:chartSpace part and its embedded workbook), made once from a chart
spec and embedded as they are by both writers: the briefing's charts and the deck's are the same kind of object."""
