"""The score a gaokao marker would give: bands, content, language and organisation, each point explained."""
