// Templates of the findings the DCAT mapper makes per dataset and per distribution.

extension FindingTemplate {
    static let dcatBlankNodeWithoutIdentifier = FindingTemplate("record.rejected", "dataset is a blank node without dct:identifier; cannot identify it", de: "Der Datensatz ist ein leerer Knoten ohne dct:identifier; er lässt sich nicht kennzeichnen.")
    static let dcatWithoutTitle = FindingTemplate("record.rejected", "dataset has no dct:title (mandatory in DCAT-AP)", de: "Der Datensatz hat keinen dct:title (Pflicht in DCAT-AP).")
    static let dcatDescriptionMissing = FindingTemplate("description.missing", "dataset has no dct:description (mandatory in DCAT-AP)", de: "Der Datensatz hat keine dct:description (Pflicht in DCAT-AP).")
    /// Arguments: [frequency as given, EU frequency]
    static let dcatFrequencyRepaired = FindingTemplate("frequency.repaired", { "frequency \($0[0]) is no code of the EU list; read as \($0[1])" }, de: { "Das Aktualisierungsintervall \($0[0]) ist kein Code der EU-Liste; gelesen als \($0[1])." })
    static let dcatPublisherMissing = FindingTemplate("publisher.missing", "dataset has no dct:publisher with foaf:name", de: "Der Datensatz hat keinen dct:publisher mit foaf:name.")
    static let dcatDistributionMissing = FindingTemplate("distribution.missing", "dataset has no distributions", de: "Der Datensatz hat keine Distributionen.")
    /// Arguments: [value as given]
    static let dcatThemeUnknown = FindingTemplate("theme.unknown", { "theme '\($0[0])' is not an EU data theme; dropped" }, de: { "Das Thema „\($0[0])“ ist kein EU-Datenthema; weggelassen." })
    /// Arguments: [value as given]
    static let dcatLanguageUnknown = FindingTemplate("language.unknown", { "language '\($0[0])' not recognised; dropped" }, de: { "Die Sprache „\($0[0])“ ist nicht bekannt; weggelassen." })
    /// Arguments: [the literal's first 80 characters]
    static let dcatSpatialGeometryInvalid = FindingTemplate("spatial.geometry.invalid", { "geometry literal is neither GeoJSON nor WKT: \($0[0])" }, de: { "Das Geometrie-Literal ist weder GeoJSON noch WKT: \($0[0])" })
    static let dcatDistributionAccessURLMissing = FindingTemplate("distribution.accessURL.missing", "no dcat:accessURL; dcat:downloadURL used as access URL", de: "Keine dcat:accessURL; die dcat:downloadURL dient als Zugangs-URL.")
    /// Arguments: [value as given]
    static let dcatDistributionByteSizeInvalid = FindingTemplate("distribution.byteSize.invalid", { "byte size '\($0[0])' is not a number; dropped" }, de: { "Die Dateigröße „\($0[0])“ ist keine Zahl; weggelassen." })
    /// Arguments: [date as given, date read, repair (English), (German)]
    static let dcatDateRepaired = FindingTemplate("date.repaired", { "date '\($0[0])' repaired to '\($0[1])' (\($0[2]))" }, de: { "Datum „\($0[0])“ zu „\($0[1])“ repariert (\($0[3]))" })
    /// Arguments: [value as given]
    static let dcatDateUnparsable = FindingTemplate("date.unparsable", { "date '\($0[0])' is not an xsd:date or xsd:dateTime; dropped" }, de: { "Das Datum „\($0[0])“ ist weder xsd:date noch xsd:dateTime; weggelassen." })
    /// Arguments: [value as given]
    static let dcatAccessRightsUnmapped = FindingTemplate("accessRights.unmapped", { "access rights '\($0[0])' are no EU access-right value; left out" }, de: { "Das Zugriffsrecht „\($0[0])“ ist kein Wert der EU-Liste; weggelassen." })
    /// Arguments: [value as given, EU file type]
    static let dcatFormatRepaired = FindingTemplate("format.repaired", { "'\($0[0])' is no EU file type; read as \($0[1])" }, de: { "„\($0[0])“ ist kein EU-Dateityp; als \($0[1]) gelesen." })
    /// Arguments: [value as given]
    static let dcatFormatLeftOut = FindingTemplate("format.unknown", { "'\($0[0])' is no EU file type; left out" }, de: { "„\($0[0])“ ist kein EU-Dateityp; weggelassen." })
    /// Arguments: [value as given]
    static let dcatFormatNotInTable = FindingTemplate("format.unknown", { "format '\($0[0])' is not in the EU file-type table" }, de: { "Das Format „\($0[0])“ steht nicht in der EU-Dateitypliste." })
    static let dcatChecksumIncomplete = FindingTemplate("checksum.incomplete", "spdx:checksum without algorithm or value; left out", de: "spdx:checksum ohne Algorithmus oder Wert; weggelassen.")
    /// Arguments: [category as given, EU themes]
    static let dcatThemeLegacy = FindingTemplate("theme.legacy", { "legacy OGD category '\($0[0])' mapped to \($0[1])" }, de: { "Alte OGD-Kategorie „\($0[0])“ als \($0[1]) übernommen." })
    /// The distribution is dropped. Arguments: [distribution IRI or "#index"]
    static let dcatDistributionWithoutURL = FindingTemplate("distribution.accessURL.missing", { "distribution \($0[0]) has neither dcat:accessURL nor dcat:downloadURL; dropped" },
                                                            de: { "Die Distribution \($0[0]) hat weder dcat:accessURL noch dcat:downloadURL; sie entfällt." })
    /// Arguments: [value as given, EU file type read from it or ""]
    static let dcatMediaTypeInvalid = FindingTemplate(
        "mediaType.invalid", { "media type '\($0[0])' is no IANA media type; \($0[1].isEmpty ? "left out" : "read as file type \($0[1])")" },
        de: { "Der Medientyp „\($0[0])“ ist kein IANA-Medientyp; \($0[1].isEmpty ? "weggelassen" : "als Dateityp \($0[1]) gelesen")." })
    /// When the source has no default contributor. Arguments: [values not from the list]
    static let dcatContributorLeftOut = FindingTemplate("contributor.invalid", { "contributorID \($0[0]) is not from the dcat-ap.de contributor list; left out." },
                                                        de: { "Die contributorID \($0[0]) stammt nicht aus der dcat-ap.de-Liste; weggelassen." })
    /// When the source's default contributor is used instead. Arguments: [values not from the list]
    static let dcatContributorDefaulted = FindingTemplate("contributor.invalid", { "contributorID \($0[0]) is not from the dcat-ap.de contributor list; the source default is used." },
                                                          de: { "Die contributorID \($0[0]) stammt nicht aus der dcat-ap.de-Liste; die Vorgabe der Quelle wird verwendet." })
}
