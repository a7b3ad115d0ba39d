"""The exercise library shipped inside hipkit as ``hipkit.data``; see README.md here."""
