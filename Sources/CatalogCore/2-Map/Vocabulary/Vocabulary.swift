/// IRI bases of the controlled vocabularies we emit.
package enum Vocabulary {
    package static let themeBase = "http://publications.europa.eu/resource/authority/data-theme/"
    package static let fileTypeBase = "http://publications.europa.eu/resource/authority/file-type/"
    package static let languageBase = "http://publications.europa.eu/resource/authority/language/"
    package static let accessRightBase = "http://publications.europa.eu/resource/authority/access-right/"
    package static let frequencyBase = "http://publications.europa.eu/resource/authority/frequency/"
    package static let ianaMediaTypeBase = "https://www.iana.org/assignments/media-types/"
    package static let dcatDeLicenceBase = "http://dcat-ap.de/def/licenses/"
    package static let politicalGeocodingBase = "http://dcat-ap.de/def/politicalGeocoding/"
    package static let contributorBase = "http://dcat-ap.de/def/contributors/"

    /// The 13 EU data themes (OP_DATPRO is provisional and never assigned by us).
    package static let themeCodes = ["AGRI", "ECON", "EDUC", "ENER", "ENVI", "GOVE", "HEAL", "INTR", "JUST", "REGI", "SOCI", "TECH", "TRAN"]

    /// German labels of the EU data themes (Publications Office data-theme NAL, `skos:prefLabel@de`); the Aachen
    /// portal's categories use the same words. Used by the CKAN API groups and the site.
    package static let themeLabelsDE: [String: String] = [
        "AGRI": "Landwirtschaft, Fischerei, Forstwirtschaft und Nahrungsmittel",
        "ECON": "Wirtschaft und Finanzen",
        "EDUC": "Bildung, Kultur und Sport",
        "ENER": "Energie",
        "ENVI": "Umwelt",
        "GOVE": "Regierung und öffentlicher Sektor",
        "HEAL": "Gesundheit",
        "INTR": "Internationale Themen",
        "JUST": "Justiz, Rechtssystem und öffentliche Sicherheit",
        "OP_DATPRO": "Vorläufige Daten",
        "REGI": "Regionen und Städte",
        "SOCI": "Bevölkerung und Gesellschaft",
        "TECH": "Wissenschaft und Technologie",
        "TRAN": "Verkehr",
    ]
}
