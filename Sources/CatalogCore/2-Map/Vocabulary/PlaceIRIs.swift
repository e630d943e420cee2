// Place IRIs for `dcterms:spatial` (DCAT-AP.de 3.0, "EU Vokabulare … & Geonames": a place not named in the EU
// authority tables is given by its GeoNames IRI, base `http://sws.geonames.org/`), for the areas of the
// configured regions whose political geocoding key is known: the 16 Länder, and the regions of the sources in
// catalog/sources.toml (Aachen and the StädteRegion's municipalities, Regierungsbezirk Köln, Köln).
//
// Data, not code — copied from public tables, with their attribution:
//
// | rows | source | licence |
// |---|---|---|
// | Länder | GeoNames `admin1CodesASCII.txt` (first-level divisions `DE.01`…`DE.16`), as in pmsourcedump/geonames · `admin1CodesASCII.txt` · `7b36a78f44a08ec10ab62f6241d22df14f31947f`; the ARS of each Land is the Statistische Ämter's key | CC BY 4.0, © GeoNames (https://www.geonames.org) |
// | Regierungsbezirk Köln, Aachen and the StädteRegion's municipalities | `geo/derived/aachen_region_ids.csv` of the shared fixtures (AGS/ARS → GeoNames, every value with its source; the municipalities' ids are GeoNames "populated place" features, not ADM4) | CC BY 4.0 (GeoNames), CC0 (Wikidata) |
// | Köln | GeoNames cities > 15,000 as in datasets/world-cities · `data/world-cities.csv` · `49974c675a13f12ec0b8b8164f0f82f017b896fc` (`Köln,Germany,North Rhine-Westphalia,2886242`, a populated place) | CC BY 4.0, © GeoNames |
//
// The StädteRegion Aachen (05334) has no GeoNames id in any public file found, and Berlin's Bezirke none in
// these tables: their datasets keep the dcat-ap.de key IRI alone. Add a row (with its source above) to cover
// another region.

package enum PlaceIRIs {
    package static let geonamesBase = "http://sws.geonames.org/"

    /// (ARS with 12 digits, AGS with 8 digits or "", GeoNames id, name).
    static let rows: [(ars: String, ags: String, geonames: String, name: String)] = [
        ("010000000000", "01000000", "2838632", "Schleswig-Holstein"),
        ("020000000000", "02000000", "2911297", "Hamburg"),
        ("030000000000", "03000000", "2862926", "Niedersachsen"),
        ("040000000000", "04000000", "2944387", "Bremen"),
        ("050000000000", "05000000", "2861876", "Nordrhein-Westfalen"),
        ("060000000000", "06000000", "2905330", "Hessen"),
        ("070000000000", "07000000", "2847618", "Rheinland-Pfalz"),
        ("080000000000", "08000000", "2953481", "Baden-Württemberg"),
        ("090000000000", "09000000", "2951839", "Bayern"),
        ("100000000000", "10000000", "2842635", "Saarland"),
        ("110000000000", "11000000", "2950157", "Berlin"),
        ("120000000000", "12000000", "2945356", "Brandenburg"),
        ("130000000000", "13000000", "2872567", "Mecklenburg-Vorpommern"),
        ("140000000000", "14000000", "2842566", "Sachsen"),
        ("150000000000", "15000000", "2842565", "Sachsen-Anhalt"),
        ("160000000000", "16000000", "2822542", "Thüringen"),
        ("053000000000", "", "2886241", "Regierungsbezirk Köln"),
        ("053150000000", "05315000", "2886242", "Köln"),
        ("053340002002", "05334002", "3247449", "Aachen"),
        ("053340004004", "05334004", "2958141", "Alsdorf"),
        ("053340008008", "05334008", "2953302", "Baesweiler"),
        ("053340012012", "05334012", "2928963", "Eschweiler"),
        ("053340016016", "05334016", "2905455", "Herzogenrath"),
        ("053340020020", "05334020", "2869756", "Monschau"),
        ("053340024024", "05334024", "2844277", "Roetgen"),
        ("053340028028", "05334028", "2832023", "Simmerath"),
        ("053340032032", "05334032", "2826595", "Stolberg (Rhld.)"),
        ("053340036036", "05334036", "2805644", "Würselen"),
    ]

    private static let byARS: [String: String] = Dictionary(uniqueKeysWithValues: rows.map { ($0.ars, $0.geonames) })
    private static let byAGS: [String: String] = Dictionary(uniqueKeysWithValues: rows.filter { !$0.ags.isEmpty }.map { ($0.ags, $0.geonames) })

    /// The GeoNames IRI of the area a dcat-ap.de political-geocoding IRI names, when the table has it (only the
    /// area itself: a Berlin Bezirk does not get Berlin's IRI).
    package static func place(forGeocoding iri: String) -> String? {
        guard let k = PoliticalGeocoding.key(iri) else { return nil }
        let id: String?
        switch k.kind {
        case .municipalityKey: id = byAGS[k.digits]
        case .regionalKey: id = byARS[k.digits]
        default: id = byARS[k.digits + String(repeating: "0", count: 12 - k.digits.count)]
        }
        return id.map { geonamesBase + $0 + "/" }
    }
}
