"""The execution report (计划执行情况的报告): content from the plan and the status engine
(``context``), wording from editable Jinja2 templates (``templates/``), a typed document tree
(``document``) and renderers: .docx per GB/T 9704-2012 (``docx``), Markdown, self-contained
HTML, PDF through LibreOffice (``pdf``), charts with a CJK font (``charts``).
See docs/report.md."""
