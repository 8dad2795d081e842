"""Order and chat files from the platforms (Taobao/Tmall reports, Shopify exports)."""
