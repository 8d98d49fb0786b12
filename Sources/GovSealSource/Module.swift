// Placeholder: filled by the module's work.
