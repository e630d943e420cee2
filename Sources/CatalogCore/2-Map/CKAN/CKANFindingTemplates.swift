// Templates of the findings the CKAN mapper makes per record and per resource.

extension FindingTemplate {
    /// Arguments: [kind (English), label, kind (German)]
    static let ckanThemeUnmapped = FindingTemplate("theme.unmapped", { "\($0[0]) '\($0[1])' matches no entry of the category table; no EU data theme." }, de: { "\($0[2]) „\($0[1])“ steht nicht in der Kategorientabelle; kein EU-Datenthema." })
    /// Arguments: [kind (English), label, kind (German)]
    static let ckanThemeWithoutEUTheme = FindingTemplate("theme.unmapped", { "\($0[0]) '\($0[1])' has no EU data theme (category table)." }, de: { "\($0[2]) „\($0[1])“ hat laut Kategorientabelle kein EU-Datenthema." })
    /// Arguments: [count]
    static let ckanDistributionMalformed = FindingTemplate("distribution.malformed", { "\($0[0]) resource entries are not objects and were dropped." }, de: { "\($0[0]) Ressourcen-Einträge sind keine Objekte und entfallen." })
    static let ckanDistributionNone = FindingTemplate("distribution.none", "The dataset has no usable distribution.", de: "Der Datensatz hat keine brauchbare Distribution.")
    /// Arguments: [resource label, URL as given]
    static let ckanAccessURLUnusable = FindingTemplate("url.unusable", { "Resource '\($0[0])': URL '\($0[1])' is unusable; download URL used as access URL." }, de: { "Ressource „\($0[0])“: die URL „\($0[1])“ ist unbrauchbar; die Download-URL dient als Zugangs-URL." })
    /// Arguments: [resource label]
    static let ckanURLEncoded = FindingTemplate("url.encoded", { "Resource '\($0[0])': URL percent-encoded." }, de: { "Ressource „\($0[0])“: URL prozentkodiert." })
    /// Arguments: [resource label, format]
    static let ckanFormatUnmapped = FindingTemplate("format.unmapped", { "Resource '\($0[0])': format '\($0[1])' is not in the EU file-type vocabulary." }, de: { "Ressource „\($0[0])“: das Format „\($0[1])“ steht nicht in der EU-Dateitypliste." })
    /// Arguments: [resource label, size as given]
    static let ckanSizeInvalid = FindingTemplate("size.invalid", { "Resource '\($0[0])': size '\($0[1])' is not a byte count; left out." }, de: { "Ressource „\($0[0])“: die Größe „\($0[1])“ ist keine Bytezahl; weggelassen." })
    static let ckanRecordNoID = FindingTemplate("record.noID", "Rejected: the record has neither `id` nor `name`.", de: "Abgelehnt: der Eintrag hat weder `id` noch `name`.")
    /// Arguments: [CKAN type]
    static let ckanRecordNotDataset = FindingTemplate("record.notDataset", { "Rejected: CKAN type '\($0[0])' is not a dataset." }, de: { "Abgelehnt: der CKAN-Typ „\($0[0])“ ist kein Datensatz." })
    /// Arguments: [CKAN type]
    static let ckanRecordUnusualType = FindingTemplate("record.unusualType", { "CKAN type '\($0[0])' is not a known dataset type; mapped as a dataset." }, de: { "Der CKAN-Typ „\($0[0])“ ist kein bekannter Datensatztyp; als Datensatz übernommen." })
    /// Arguments: [CKAN state]
    static let ckanRecordNotActive = FindingTemplate("record.notActive", { "Rejected: CKAN state is '\($0[0])', not active." }, de: { "Abgelehnt: der CKAN-Status ist „\($0[0])“, nicht aktiv." })
    static let ckanRecordPrivate = FindingTemplate("record.private", "Rejected: the record is private at the source.", de: "Abgelehnt: der Eintrag ist an der Quelle privat.")
    static let ckanRecordNoTitle = FindingTemplate("record.noTitle", "Rejected: the record has no title (dct:title is mandatory).", de: "Abgelehnt: der Eintrag hat keinen Titel (dct:title ist Pflicht).")
    static let ckanDescriptionMissing = FindingTemplate("description.missing", "No description; the title is used (dct:description is mandatory).", de: "Keine Beschreibung; der Titel wird verwendet (dct:description ist Pflicht).")
    /// Arguments: [value as given]
    static let ckanDateUnparsable = FindingTemplate("date.unparsable", { "Date '\($0[0])' could not be read; left out." }, de: { "Das Datum „\($0[0])“ ist nicht lesbar; weggelassen." })
    /// Arguments: [value as given]
    static let ckanTemporalUnparsable = FindingTemplate("date.unparsable", { "Temporal bound '\($0[0])' could not be read; left out." }, de: { "Die Zeitraumgrenze „\($0[0])“ ist nicht lesbar; weggelassen." })
    /// Arguments: [end, start]
    static let ckanTemporalInverted = FindingTemplate("temporal.inverted", { "Temporal end \($0[0]) is before start \($0[1]); kept as given." }, de: { "Das Ende des Zeitraums \($0[0]) liegt vor dem Anfang \($0[1]); so übernommen." })
    static let ckanPublisherMissing = FindingTemplate("publisher.missing", "publisher missing, catalogue publisher used", de: "Kein Herausgeber; der Herausgeber des Katalogs wird verwendet.")
    /// Arguments: [value as given]
    static let ckanContactInvalidEmail = FindingTemplate("contact.invalidEmail", { "Contact e-mail '\($0[0])' is not an e-mail address; dropped." }, de: { "Die Kontakt-E-Mail „\($0[0])“ ist keine E-Mail-Adresse; weggelassen." })
    /// Arguments: [level URI as given, corrected]
    static let ckanGeocodingLevelFixed = FindingTemplate("geocoding.levelFixed", { "Level URI '\($0[0])' corrected to '\($0[1])'." }, de: { "Die Ebenen-URI „\($0[0])“ wurde zu „\($0[1])“ korrigiert." })
    static let ckanSpatialInvalid = FindingTemplate("spatial.invalid", "The `spatial` value is not a GeoJSON geometry; left out.", de: "Der Wert von `spatial` ist keine GeoJSON-Geometrie; weggelassen.")
    /// Arguments: [value as given]
    static let ckanLanguageUnmapped = FindingTemplate("language.unmapped", { "Language '\($0[0])' is not a known language code; left out." }, de: { "Die Sprache „\($0[0])“ ist kein bekannter Sprachcode; weggelassen." })
    /// Arguments: [source defaults (English), (German)]
    static let ckanOrganizationMissing = FindingTemplate("organization.missing", { "The record names no organisation; the source's defaults apply (\($0[0]))." }, de: { "Der Eintrag nennt keine Organisation; es gelten die Vorgaben der Quelle (\($0[1]))." })
    /// Arguments: [value as given, EU frequency]
    static let ckanFrequencyRepaired = FindingTemplate("frequency.repaired", { "Frequency '\($0[0])' is no code of the EU list; read as \($0[1])." }, de: { "Aktualisierungsintervall „\($0[0])“ ist kein Code der EU-Liste; gelesen als \($0[1])." })
    /// Arguments: [value as given]
    static let ckanFrequencyUnmapped = FindingTemplate("frequency.unmapped", { "Frequency '\($0[0])' is not an EU frequency IRI or a known word; left out." }, de: { "Aktualisierungsintervall „\($0[0])“ ist weder eine IRI der EU-Liste noch ein bekanntes Wort; weggelassen." })
    /// Arguments: [resource label, URL as given]
    static let ckanResourceURLSpaced = FindingTemplate("url.repaired", { "Resource '\($0[0])': space around URL '\($0[1])' removed." }, de: { "Ressource „\($0[0])“: Leerzeichen um die URL „\($0[1])“ entfernt." })
    /// Arguments: [subject (English), URL as given]
    static let ckanURLSpaced = FindingTemplate("url.repaired", { "\($0[0]): space around URL '\($0[1])' removed." }, de: { "Leerzeichen um die URL „\($0[1])“ entfernt." })
    /// Arguments: [subject (English), URL as given, URL read]
    static let ckanURLSlashesAdded = FindingTemplate("url.repaired", { "\($0[0]): URL '\($0[1])' lacks the '//' after the scheme; read as \($0[2])." }, de: { "Der URL „\($0[1])“ fehlt „//“ nach dem Schema; gelesen als \($0[2])." })
    /// Arguments: [subject (English), URL as given, URL read]
    static let ckanURLSchemeAdded = FindingTemplate("url.repaired", { "\($0[0]): URL '\($0[1])' has no scheme; read as \($0[2])." }, de: { "Die URL „\($0[1])“ hat kein Schema; gelesen als \($0[2])." })
    /// Arguments: [URL as given]
    static let ckanLandingPageUnusable = FindingTemplate("url.unusable", { "Landing page '\($0[0])' is not a usable URL; left out." }, de: { "Die Webseite „\($0[0])“ ist keine brauchbare URL; weggelassen." })
    /// Arguments: [value as given]
    static let ckanPublisherInvalidEmail = FindingTemplate("publisher.invalidEmail", { "Publisher e-mail '\($0[0])' is not an e-mail address; dropped." }, de: { "Die E-Mail-Adresse des Herausgebers „\($0[0])“ ist keine E-Mail-Adresse; weggelassen." })
    /// Arguments: [value as given]
    static let ckanConformsToUnusable = FindingTemplate("conformsTo.unusable", { "Standard '\($0[0])' is not an absolute URL; left out of dct:conformsTo." }, de: { "Der Standard „\($0[0])“ ist keine absolute URL; nicht in dct:conformsTo übernommen." })
    /// Arguments: [resource id, distribution IRI kept]
    static let ckanDistributionDuplicateID = FindingTemplate("distribution.duplicateID", { "Resource id '\($0[0])' occurs twice in the record; kept as a distribution of its own (\($0[1]))." }, de: { "Die Ressourcen-ID „\($0[0])“ kommt im Eintrag zweimal vor; als eigene Distribution behalten (\($0[1]))." })
    /// Arguments: [resource label, URL as given or ""]
    static let ckanDistributionNoURL = FindingTemplate("distribution.noURL", { "Resource '\($0[0])' has no usable URL\($0[1].isEmpty ? "" : " ('\($0[1])')"); distribution dropped." }, de: { "Die Ressource „\($0[0])“ hat keine brauchbare URL\($0[1].isEmpty ? "" : " („\($0[1])“)"); die Distribution entfällt." })
    /// The record's JSON cannot be read as a package (`CKANDecodingError`'s code): [record index, reason (English), (German)]
    static let ckanRecordRejected = FindingTemplate(nil, { "Record \($0[0]) rejected: \($0[1])" }, de: { "Eintrag \($0[0]) abgelehnt: \($0[2])" })
    /// A DCAT-JSON catalogue
    static let ckanRecordDCATCatalogue = FindingTemplate("record.notCKAN", "Rejected: this is a DCAT-JSON catalogue, not a CKAN package dict.", de: "Abgelehnt: das ist ein DCAT-JSON-Katalog, kein CKAN-Paket.")
    /// A DCAT-JSON dataset
    static let ckanRecordDCATDataset = FindingTemplate("record.notCKAN", "Rejected: this is a DCAT-JSON dataset, not a CKAN package dict.", de: "Abgelehnt: das ist ein DCAT-JSON-Datensatz, kein CKAN-Paket.")
    /// Arguments: [fields unwrapped, fields without a value (or "")]
    static let ckanRecordSchemaWrapped = FindingTemplate(
        "record.schemaWrapped", { "Fields were wrapped in JSON-Schema objects; values taken from their `description`: \($0[0]).\($0[1].isEmpty ? "" : " Fields without a value were dropped: \($0[1]).")" },
        de: { "Felder waren in JSON-Schema-Objekte verpackt; die Werte stammen aus deren `description`: \($0[0]).\($0[1].isEmpty ? "" : " Felder ohne Wert entfallen: \($0[1]).")" })
    /// Arguments: [e-mail not used, contact point]
    static let ckanContactEmailNotUsed = FindingTemplate("contact.emailNotUsed", { "Contact e-mail '\($0[0])' not used: the contact point is '\($0[1])' with the e-mail of that person." }, de: { "Die Kontakt-E-Mail „\($0[0])“ wird nicht verwendet: Kontakt ist „\($0[1])“ mit der E-Mail dieser Person." })
    /// Arguments: [GeoJSON type as given]
    static let ckanSpatialTypeRepaired = FindingTemplate("spatial.typeRepaired", { "GeoJSON type spelling repaired (\($0[0]))." }, de: { "Schreibweise des GeoJSON-Typs repariert (\($0[0]))." })
    /// Arguments: [organisation, source id, source defaults (English), (German), then its title if
    /// the record gives one (an empty one is quoted too)]
    static let ckanOrganizationUnknown = FindingTemplate(
        "organization.unknown", { "Organisation '\($0[0])'\($0.count > 4 ? " ('\($0[4])')" : "") is not in [source.organizations] of source '\($0[1])'; the source's defaults apply (\($0[2]))." },
        de: { "Die Organisation „\($0[0])“\($0.count > 4 ? " („\($0[4])“)" : "") steht nicht in [source.organizations] der Quelle „\($0[1])“; es gelten die Vorgaben der Quelle (\($0[3]))." })
    /// Arguments: [resource label, size as given, bytes]: a size with a unit (Köln DKAN "12.5 KB") read
    /// as about that many bytes.
    static let sizeApproximate = FindingTemplate("size.approximate", { "Resource '\($0[0])': size '\($0[1])' read as about \($0[2]) bytes (1 KB = 1024 bytes)." },
                                                 de: { "Ressource „\($0[0])“: die Größe „\($0[1])“ als etwa \($0[2]) Bytes gelesen (1 KB = 1024 Bytes)." })
}
