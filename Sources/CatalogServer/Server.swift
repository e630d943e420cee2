public import CatalogCore
