"""Stage 3, open data: the files published beside the pages (CSV, JSON, the data package,
HSDS, each meeting point's calendar, hours and QR code).
"""
