"""The application layer: the CLI, the audit and the demo; the only code that composes the stages."""
