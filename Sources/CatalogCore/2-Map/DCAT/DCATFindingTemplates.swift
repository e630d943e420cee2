// Templates of the findings the DCAT mapper makes per dataset and per distribution.

extension FindingTemplate {
    /// `record.rejected`
    static let dcatBlankNodeWithoutIdentifier = FindingTemplate("dataset is a blank node without dct:identifier; cannot identify it", de: "Der Datensatz ist ein leerer Knoten ohne dct:identifier; er lässt sich nicht kennzeichnen.")
    /// `record.rejected`
    static let dcatWithoutTitle = FindingTemplate("dataset has no dct:title (mandatory in DCAT-AP)", de: "Der Datensatz hat keinen dct:title (Pflicht in DCAT-AP).")
    /// `description.missing`
    static let dcatDescriptionMissing = FindingTemplate("dataset has no dct:description (mandatory in DCAT-AP)", de: "Der Datensatz hat keine dct:description (Pflicht in DCAT-AP).")
    /// `frequency.repaired`: [frequency as given, EU frequency]
    static let dcatFrequencyRepaired = FindingTemplate({ "frequency \($0[0]) is no code of the EU list; read as \($0[1])" }, de: { "Das Aktualisierungsintervall \($0[0]) ist kein Code der EU-Liste; gelesen als \($0[1])." })
    /// `publisher.missing`
    static let dcatPublisherMissing = FindingTemplate("dataset has no dct:publisher with foaf:name", de: "Der Datensatz hat keinen dct:publisher mit foaf:name.")
    /// `distribution.missing`
    static let dcatDistributionMissing = FindingTemplate("dataset has no distributions", de: "Der Datensatz hat keine Distributionen.")
    /// `theme.unknown`: [value as given]
    static let dcatThemeUnknown = FindingTemplate({ "theme '\($0[0])' is not an EU data theme; dropped" }, de: { "Das Thema „\($0[0])“ ist kein EU-Datenthema; weggelassen." })
    /// `language.unknown`: [value as given]
    static let dcatLanguageUnknown = FindingTemplate({ "language '\($0[0])' not recognised; dropped" }, de: { "Die Sprache „\($0[0])“ ist nicht bekannt; weggelassen." })
    /// `spatial.geometry.invalid`: [the literal's first 80 characters]
    static let dcatSpatialGeometryInvalid = FindingTemplate({ "geometry literal is neither GeoJSON nor WKT: \($0[0])" }, de: { "Das Geometrie-Literal ist weder GeoJSON noch WKT: \($0[0])" })
    /// `distribution.accessURL.missing`
    static let dcatDistributionAccessURLMissing = FindingTemplate("no dcat:accessURL; dcat:downloadURL used as access URL", de: "Keine dcat:accessURL; die dcat:downloadURL dient als Zugangs-URL.")
    /// `distribution.byteSize.invalid`: [value as given]
    static let dcatDistributionByteSizeInvalid = FindingTemplate({ "byte size '\($0[0])' is not a number; dropped" }, de: { "Die Dateigröße „\($0[0])“ ist keine Zahl; weggelassen." })
    /// `date.repaired`: [date as given, date read, repair (English), (German)]
    static let dcatDateRepaired = FindingTemplate({ "date '\($0[0])' repaired to '\($0[1])' (\($0[2]))" }, de: { "Datum „\($0[0])“ zu „\($0[1])“ repariert (\($0[3]))" })
    /// `date.unparsable`: [value as given]
    static let dcatDateUnparsable = FindingTemplate({ "date '\($0[0])' is not an xsd:date or xsd:dateTime; dropped" }, de: { "Das Datum „\($0[0])“ ist weder xsd:date noch xsd:dateTime; weggelassen." })
    /// `accessRights.unmapped`: [value as given]
    static let dcatAccessRightsUnmapped = FindingTemplate({ "access rights '\($0[0])' are no EU access-right value; left out" }, de: { "Das Zugriffsrecht „\($0[0])“ ist kein Wert der EU-Liste; weggelassen." })
    /// `format.repaired`: [value as given, EU file type]
    static let dcatFormatRepaired = FindingTemplate({ "'\($0[0])' is no EU file type; read as \($0[1])" }, de: { "„\($0[0])“ ist kein EU-Dateityp; als \($0[1]) gelesen." })
    /// `format.unknown`: [value as given]
    static let dcatFormatLeftOut = FindingTemplate({ "'\($0[0])' is no EU file type; left out" }, de: { "„\($0[0])“ ist kein EU-Dateityp; weggelassen." })
    /// `format.unknown`: [value as given]
    static let dcatFormatNotInTable = FindingTemplate({ "format '\($0[0])' is not in the EU file-type table" }, de: { "Das Format „\($0[0])“ steht nicht in der EU-Dateitypliste." })
    /// `checksum.incomplete`
    static let dcatChecksumIncomplete = FindingTemplate("spdx:checksum without algorithm or value; left out", de: "spdx:checksum ohne Algorithmus oder Wert; weggelassen.")
    /// `theme.legacy`: [category as given, EU themes]
    static let dcatThemeLegacy = FindingTemplate({ "legacy OGD category '\($0[0])' mapped to \($0[1])" }, de: { "Alte OGD-Kategorie „\($0[0])“ als \($0[1]) übernommen." })
    /// `distribution.accessURL.missing`, the distribution dropped: [distribution IRI or "#index"]
    static let dcatDistributionWithoutURL = FindingTemplate({ "distribution \($0[0]) has neither dcat:accessURL nor dcat:downloadURL; dropped" },
                                                            de: { "Die Distribution \($0[0]) hat weder dcat:accessURL noch dcat:downloadURL; sie entfällt." })
    /// `mediaType.invalid`: [value as given, EU file type read from it or ""]
    static let dcatMediaTypeInvalid = FindingTemplate(
        { "media type '\($0[0])' is no IANA media type; \($0[1].isEmpty ? "left out" : "read as file type \($0[1])")" },
        de: { "Der Medientyp „\($0[0])“ ist kein IANA-Medientyp; \($0[1].isEmpty ? "weggelassen" : "als Dateityp \($0[1]) gelesen")." })
    /// `contributor.invalid`, the source has no default: [values not from the list]
    static let dcatContributorLeftOut = FindingTemplate({ "contributorID \($0[0]) is not from the dcat-ap.de contributor list; left out." },
                                                        de: { "Die contributorID \($0[0]) stammt nicht aus der dcat-ap.de-Liste; weggelassen." })
    /// `contributor.invalid`, the source's default used: [values not from the list]
    static let dcatContributorDefaulted = FindingTemplate({ "contributorID \($0[0]) is not from the dcat-ap.de contributor list; the source default is used." },
                                                          de: { "Die contributorID \($0[0]) stammt nicht aus der dcat-ap.de-Liste; die Vorgabe der Quelle wird verwendet." })
}
