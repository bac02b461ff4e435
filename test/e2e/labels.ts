// The accessible names the UI specification fixes, stated here on purpose: the tests check the app against the spec, not against its own locale files.
/** A UI language under test. */
export type Lang = 'en' | 'fr' | 'es';

/** The labels in one language. */
export interface Labels {
  locale: string;
  title: string;
  keysSection: string;
  generateOpen: string;
  endpoint: string;
  copyEndpoint: string;
  colName: string;
  colLastIp: string;
  colLastActivity: string;
  edit: string;
  revoke: string;
  nameField: string;
  generate: string;
  revokeConfirm: string;
  keyField: string;
  show: string;
  hide: string;
  copyKey: string;
  storeInKeychain: string;
  dismiss: string;
  save: string;
  cancel: string;
  addProfile: string;
  profileName: string;
  profileEndpoint: string;
  profileKey: string;
  profileSave: string;
  refresh: string;
  language: string;
  offline: string;
}

/** The specification's labels, by language. */
export const labels: Record<Lang, Labels> = {
  en: {
    locale: 'en-US',
    title: 'API credentials',
    keysSection: 'API keys',
    generateOpen: 'Generate API key',
    endpoint: 'Endpoint',
    copyEndpoint: 'Copy endpoint',
    colName: 'Name',
    colLastIp: 'Last IP',
    colLastActivity: 'Last activity',
    edit: 'Edit API key',
    revoke: 'Revoke API key',
    nameField: 'Name',
    generate: 'Generate',
    revokeConfirm: 'Revoke',
    keyField: 'API key',
    show: 'Show API key',
    hide: 'Hide API key',
    copyKey: 'Copy API key',
    storeInKeychain: 'Store in keychain',
    dismiss: 'Dismiss',
    save: 'Save',
    cancel: 'Cancel',
    addProfile: 'Add profile',
    profileName: 'Profile name',
    profileEndpoint: 'Endpoint',
    profileKey: 'API key',
    profileSave: 'Save',
    refresh: 'Refresh',
    language: 'Language',
    offline: 'Offline',
  },
  fr: {
    locale: 'fr-FR',
    title: "Identifiants d'API",
    keysSection: "Clés d'API",
    generateOpen: "Générer une clé d'API",
    endpoint: "Point d'entrée",
    copyEndpoint: "Copier le point d'entrée",
    colName: 'Nom',
    colLastIp: 'Dernière IP',
    colLastActivity: 'Dernière activité',
    edit: "Modification de la clé d'API",
    revoke: "Révoquer la clé d'API",
    nameField: 'Nom',
    generate: 'Générer',
    revokeConfirm: 'Révoquer',
    keyField: "Clé d'API",
    show: "Afficher la clé d'API",
    hide: "Masquer la clé d'API",
    copyKey: "Copier la clé d'API",
    storeInKeychain: 'Enregistrer dans le trousseau',
    dismiss: 'Fermer',
    save: 'Enregistrer',
    cancel: 'Annuler',
    addProfile: 'Ajouter un profil',
    profileName: 'Nom du profil',
    profileEndpoint: "Point d'entrée",
    profileKey: "Clé d'API",
    profileSave: 'Enregistrer',
    refresh: 'Actualiser',
    language: 'Langue',
    offline: 'Hors ligne',
  },
  es: {
    locale: 'es-ES',
    title: 'Credenciales de API',
    keysSection: 'Claves API',
    generateOpen: 'Generar clave de API',
    endpoint: 'Punto final',
    copyEndpoint: 'Copiar punto final',
    colName: 'Nombre',
    colLastIp: 'Última IP',
    colLastActivity: 'Última actividad',
    edit: 'Editar clave API',
    revoke: 'Revocar clave de API',
    nameField: 'Nombre',
    generate: 'Generar',
    revokeConfirm: 'Revocar',
    keyField: 'Clave API',
    show: 'Mostrar clave API',
    hide: 'Ocultar clave API',
    copyKey: 'Copiar clave API',
    storeInKeychain: 'Guardar en el llavero',
    dismiss: 'Cerrar',
    save: 'Guardar',
    cancel: 'Cancelar',
    addProfile: 'Añadir perfil',
    profileName: 'Nombre del perfil',
    profileEndpoint: 'Punto final',
    profileKey: 'Clave API',
    profileSave: 'Guardar',
    refresh: 'Actualizar',
    language: 'Idioma',
    offline: 'Sin conexión',
  },
};
