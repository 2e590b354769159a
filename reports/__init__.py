"""The self-review report: one private HTML file, an optional encrypted PDF, and verify.

Entry points: ``selfaudit.reports.build.build_report`` (store -> files) and
``selfaudit.reports.verify.verify_posts`` (the clean-up loop). Kept import-light on purpose:
``selfaudit --help`` imports ``selfaudit.app.report``, which must not pull in Jinja.
"""
