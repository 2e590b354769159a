"""The self-review report: one private HTML file and an optional encrypted PDF.

Entry point: ``selfaudit.reports.build.build_report`` (store -> files); it only reads what
``selfaudit verify`` (the crawler's verify spider) recorded. Kept import-light on purpose:
``selfaudit --help`` imports ``selfaudit.app.report``, which must not pull in Jinja.
"""
