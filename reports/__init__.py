"""The self-review report: one private HTML file, an optional encrypted PDF, and verify.

Entry points: ``reports.build.build_report`` (store -> files) and
``reports.verify.verify_posts`` (the clean-up loop). Kept import-light on purpose:
``selfaudit --help`` imports ``reports.commands``, which must not pull in Jinja.
"""
