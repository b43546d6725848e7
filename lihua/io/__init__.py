"""Reading and writing files safely: letters in any encoding or .docx, atomic writes, YAML with line numbers, safe terminal text."""
