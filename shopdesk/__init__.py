"""ShopDesk: customer service for a small online shop with several stores."""

__version__ = "0.1.0"
