"""The generic register: one widget and one lazy table model, configured per entity."""
