"""What the pages and reports draw: chart data frames, Altair charts and QR codes (no streamlit)."""
