"""Distribution to meetings: meeting files, previews, packets (zip + manifest) and sending them by e-mail."""
