"""regioplan: turns MTVP leidraad and regioplan data into a Dutch MkDocs Material site."""
