// Templates of the findings the CKAN mapper makes per record and per resource.

extension FindingTemplate {
    /// `theme.unmapped`: [kind (English), label, kind (German)]
    static let ckanThemeUnmapped = FindingTemplate({ "\($0[0]) '\($0[1])' matches no entry of the category table; no EU data theme." }, de: { "\($0[2]) „\($0[1])“ steht nicht in der Kategorientabelle; kein EU-Datenthema." })
    /// `theme.unmapped`: [kind (English), label, kind (German)]
    static let ckanThemeWithoutEUTheme = FindingTemplate({ "\($0[0]) '\($0[1])' has no EU data theme (category table)." }, de: { "\($0[2]) „\($0[1])“ hat laut Kategorientabelle kein EU-Datenthema." })
    /// `distribution.malformed`: [count]
    static let ckanDistributionMalformed = FindingTemplate({ "\($0[0]) resource entries are not objects and were dropped." }, de: { "\($0[0]) Ressourcen-Einträge sind keine Objekte und entfallen." })
    /// `distribution.none`
    static let ckanDistributionNone = FindingTemplate("The dataset has no usable distribution.", de: "Der Datensatz hat keine brauchbare Distribution.")
    /// `url.unusable`: [resource label, URL as given]
    static let ckanAccessURLUnusable = FindingTemplate({ "Resource '\($0[0])': URL '\($0[1])' is unusable; download URL used as access URL." }, de: { "Ressource „\($0[0])“: die URL „\($0[1])“ ist unbrauchbar; die Download-URL dient als Zugangs-URL." })
    /// `url.encoded`: [resource label]
    static let ckanURLEncoded = FindingTemplate({ "Resource '\($0[0])': URL percent-encoded." }, de: { "Ressource „\($0[0])“: URL prozentkodiert." })
    /// `format.unmapped`: [resource label, format]
    static let ckanFormatUnmapped = FindingTemplate({ "Resource '\($0[0])': format '\($0[1])' is not in the EU file-type vocabulary." }, de: { "Ressource „\($0[0])“: das Format „\($0[1])“ steht nicht in der EU-Dateitypliste." })
    /// `size.invalid`: [resource label, size as given]
    static let ckanSizeInvalid = FindingTemplate({ "Resource '\($0[0])': size '\($0[1])' is not a byte count; left out." }, de: { "Ressource „\($0[0])“: die Größe „\($0[1])“ ist keine Bytezahl; weggelassen." })
    /// `record.noID`
    static let ckanRecordNoID = FindingTemplate("Rejected: the record has neither `id` nor `name`.", de: "Abgelehnt: der Eintrag hat weder `id` noch `name`.")
    /// `record.notDataset`: [CKAN type]
    static let ckanRecordNotDataset = FindingTemplate({ "Rejected: CKAN type '\($0[0])' is not a dataset." }, de: { "Abgelehnt: der CKAN-Typ „\($0[0])“ ist kein Datensatz." })
    /// `record.unusualType`: [CKAN type]
    static let ckanRecordUnusualType = FindingTemplate({ "CKAN type '\($0[0])' is not a known dataset type; mapped as a dataset." }, de: { "Der CKAN-Typ „\($0[0])“ ist kein bekannter Datensatztyp; als Datensatz übernommen." })
    /// `record.notActive`: [CKAN state]
    static let ckanRecordNotActive = FindingTemplate({ "Rejected: CKAN state is '\($0[0])', not active." }, de: { "Abgelehnt: der CKAN-Status ist „\($0[0])“, nicht aktiv." })
    /// `record.private`
    static let ckanRecordPrivate = FindingTemplate("Rejected: the record is private at the source.", de: "Abgelehnt: der Eintrag ist an der Quelle privat.")
    /// `record.noTitle`
    static let ckanRecordNoTitle = FindingTemplate("Rejected: the record has no title (dct:title is mandatory).", de: "Abgelehnt: der Eintrag hat keinen Titel (dct:title ist Pflicht).")
    /// `description.missing`
    static let ckanDescriptionMissing = FindingTemplate("No description; the title is used (dct:description is mandatory).", de: "Keine Beschreibung; der Titel wird verwendet (dct:description ist Pflicht).")
    /// `date.unparsable`: [value as given]
    static let ckanDateUnparsable = FindingTemplate({ "Date '\($0[0])' could not be read; left out." }, de: { "Das Datum „\($0[0])“ ist nicht lesbar; weggelassen." })
    /// `date.unparsable`: [value as given]
    static let ckanTemporalUnparsable = FindingTemplate({ "Temporal bound '\($0[0])' could not be read; left out." }, de: { "Die Zeitraumgrenze „\($0[0])“ ist nicht lesbar; weggelassen." })
    /// `temporal.inverted`: [end, start]
    static let ckanTemporalInverted = FindingTemplate({ "Temporal end \($0[0]) is before start \($0[1]); kept as given." }, de: { "Das Ende des Zeitraums \($0[0]) liegt vor dem Anfang \($0[1]); so übernommen." })
    /// `publisher.missing`
    static let ckanPublisherMissing = FindingTemplate("publisher missing, catalogue publisher used", de: "Kein Herausgeber; der Herausgeber des Katalogs wird verwendet.")
    /// `contact.invalidEmail`: [value as given]
    static let ckanContactInvalidEmail = FindingTemplate({ "Contact e-mail '\($0[0])' is not an e-mail address; dropped." }, de: { "Die Kontakt-E-Mail „\($0[0])“ ist keine E-Mail-Adresse; weggelassen." })
    /// `geocoding.levelFixed`: [level URI as given, corrected]
    static let ckanGeocodingLevelFixed = FindingTemplate({ "Level URI '\($0[0])' corrected to '\($0[1])'." }, de: { "Die Ebenen-URI „\($0[0])“ wurde zu „\($0[1])“ korrigiert." })
    /// `spatial.invalid`
    static let ckanSpatialInvalid = FindingTemplate("The `spatial` value is not a GeoJSON geometry; left out.", de: "Der Wert von `spatial` ist keine GeoJSON-Geometrie; weggelassen.")
    /// `language.unmapped`: [value as given]
    static let ckanLanguageUnmapped = FindingTemplate({ "Language '\($0[0])' is not a known language code; left out." }, de: { "Die Sprache „\($0[0])“ ist kein bekannter Sprachcode; weggelassen." })
    /// `organization.missing`: [source defaults (English), (German)]
    static let ckanOrganizationMissing = FindingTemplate({ "The record names no organisation; the source's defaults apply (\($0[0]))." }, de: { "Der Eintrag nennt keine Organisation; es gelten die Vorgaben der Quelle (\($0[1]))." })
    /// `frequency.repaired`: [value as given, EU frequency]
    static let ckanFrequencyRepaired = FindingTemplate({ "Frequency '\($0[0])' is no code of the EU list; read as \($0[1])." }, de: { "Aktualisierungsintervall „\($0[0])“ ist kein Code der EU-Liste; gelesen als \($0[1])." })
    /// `frequency.unmapped`: [value as given]
    static let ckanFrequencyUnmapped = FindingTemplate({ "Frequency '\($0[0])' is not an EU frequency IRI or a known word; left out." }, de: { "Aktualisierungsintervall „\($0[0])“ ist weder eine IRI der EU-Liste noch ein bekanntes Wort; weggelassen." })
    /// `url.repaired`: [resource label, URL as given]
    static let ckanResourceURLSpaced = FindingTemplate({ "Resource '\($0[0])': space around URL '\($0[1])' removed." }, de: { "Ressource „\($0[0])“: Leerzeichen um die URL „\($0[1])“ entfernt." })
    /// `url.repaired`: [subject (English), URL as given]
    static let ckanURLSpaced = FindingTemplate({ "\($0[0]): space around URL '\($0[1])' removed." }, de: { "Leerzeichen um die URL „\($0[1])“ entfernt." })
    /// `url.repaired`: [subject (English), URL as given, URL read]
    static let ckanURLSlashesAdded = FindingTemplate({ "\($0[0]): URL '\($0[1])' lacks the '//' after the scheme; read as \($0[2])." }, de: { "Der URL „\($0[1])“ fehlt „//“ nach dem Schema; gelesen als \($0[2])." })
    /// `url.repaired`: [subject (English), URL as given, URL read]
    static let ckanURLSchemeAdded = FindingTemplate({ "\($0[0]): URL '\($0[1])' has no scheme; read as \($0[2])." }, de: { "Die URL „\($0[1])“ hat kein Schema; gelesen als \($0[2])." })
    /// `url.unusable`: [URL as given]
    static let ckanLandingPageUnusable = FindingTemplate({ "Landing page '\($0[0])' is not a usable URL; left out." }, de: { "Die Webseite „\($0[0])“ ist keine brauchbare URL; weggelassen." })
    /// `publisher.invalidEmail`: [value as given]
    static let ckanPublisherInvalidEmail = FindingTemplate({ "Publisher e-mail '\($0[0])' is not an e-mail address; dropped." }, de: { "Die E-Mail-Adresse des Herausgebers „\($0[0])“ ist keine E-Mail-Adresse; weggelassen." })
    /// `conformsTo.unusable`: [value as given]
    static let ckanConformsToUnusable = FindingTemplate({ "Standard '\($0[0])' is not an absolute URL; left out of dct:conformsTo." }, de: { "Der Standard „\($0[0])“ ist keine absolute URL; nicht in dct:conformsTo übernommen." })
    /// `distribution.duplicateID`: [resource id, distribution IRI kept]
    static let ckanDistributionDuplicateID = FindingTemplate({ "Resource id '\($0[0])' occurs twice in the record; kept as a distribution of its own (\($0[1]))." }, de: { "Die Ressourcen-ID „\($0[0])“ kommt im Eintrag zweimal vor; als eigene Distribution behalten (\($0[1]))." })
    /// `distribution.noURL`: [resource label, URL as given or ""]
    static let ckanDistributionNoURL = FindingTemplate({ "Resource '\($0[0])' has no usable URL\($0[1].isEmpty ? "" : " ('\($0[1])')"); distribution dropped." }, de: { "Die Ressource „\($0[0])“ hat keine brauchbare URL\($0[1].isEmpty ? "" : " („\($0[1])“)"); die Distribution entfällt." })
    /// The record's JSON cannot be read as a package (`CKANDecodingError`'s code): [record index, reason (English), (German)]
    static let ckanRecordRejected = FindingTemplate({ "Record \($0[0]) rejected: \($0[1])" }, de: { "Eintrag \($0[0]) abgelehnt: \($0[2])" })
    /// `record.notCKAN`, a DCAT-JSON catalogue
    static let ckanRecordDCATCatalogue = FindingTemplate("Rejected: this is a DCAT-JSON catalogue, not a CKAN package dict.", de: "Abgelehnt: das ist ein DCAT-JSON-Katalog, kein CKAN-Paket.")
    /// `record.notCKAN`, a DCAT-JSON dataset
    static let ckanRecordDCATDataset = FindingTemplate("Rejected: this is a DCAT-JSON dataset, not a CKAN package dict.", de: "Abgelehnt: das ist ein DCAT-JSON-Datensatz, kein CKAN-Paket.")
    /// `record.schemaWrapped`: [fields unwrapped, fields without a value (or "")]
    static let ckanRecordSchemaWrapped = FindingTemplate(
        { "Fields were wrapped in JSON-Schema objects; values taken from their `description`: \($0[0]).\($0[1].isEmpty ? "" : " Fields without a value were dropped: \($0[1]).")" },
        de: { "Felder waren in JSON-Schema-Objekte verpackt; die Werte stammen aus deren `description`: \($0[0]).\($0[1].isEmpty ? "" : " Felder ohne Wert entfallen: \($0[1]).")" })
    /// `contact.emailNotUsed`: [e-mail not used, contact point]
    static let ckanContactEmailNotUsed = FindingTemplate({ "Contact e-mail '\($0[0])' not used: the contact point is '\($0[1])' with the e-mail of that person." }, de: { "Die Kontakt-E-Mail „\($0[0])“ wird nicht verwendet: Kontakt ist „\($0[1])“ mit der E-Mail dieser Person." })
    /// `spatial.typeRepaired`: [GeoJSON type as given]
    static let ckanSpatialTypeRepaired = FindingTemplate({ "GeoJSON type spelling repaired (\($0[0]))." }, de: { "Schreibweise des GeoJSON-Typs repariert (\($0[0]))." })
    /// `organization.unknown`: [organisation, source id, source defaults (English), (German), then its title if
    /// the record gives one (an empty one is quoted too)]
    static let ckanOrganizationUnknown = FindingTemplate(
        { "Organisation '\($0[0])'\($0.count > 4 ? " ('\($0[4])')" : "") is not in [source.organizations] of source '\($0[1])'; the source's defaults apply (\($0[2]))." },
        de: { "Die Organisation „\($0[0])“\($0.count > 4 ? " („\($0[4])“)" : "") steht nicht in [source.organizations] der Quelle „\($0[1])“; es gelten die Vorgaben der Quelle (\($0[3]))." })
    /// `size.approximate`: [resource label, size as given, bytes]: a size with a unit (Köln DKAN "12.5 KB") read
    /// as about that many bytes.
    static let sizeApproximate = FindingTemplate({ "Resource '\($0[0])': size '\($0[1])' read as about \($0[2]) bytes (1 KB = 1024 bytes)." },
                                                 de: { "Ressource „\($0[0])“: die Größe „\($0[1])“ als etwa \($0[2]) Bytes gelesen (1 KB = 1024 Bytes)." })
}
