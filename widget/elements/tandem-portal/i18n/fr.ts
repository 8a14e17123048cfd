import type { PortalMessages } from './en.ts';

export const portalFr: PortalMessages = {
  heading: 'Vos réservations', none: 'Vous n’avez pas encore de réservation auprès de ce studio.', open: 'Ouvrir', back: 'Toutes les réservations',
  signIn: 'Connectez-vous pour voir vos réservations', signInNote: 'Nous envoyons un code à 6 chiffres à l’adresse e-mail de votre réservation.',
  email: 'Adresse e-mail', code: 'Code reçu par e-mail', sendCode: 'Envoyer un code', confirm: 'Se connecter', signOut: 'Se déconnecter', signedOut: 'Vous êtes déconnecté·e.',
  nextSession: 'Prochaine séance\u202f: {date}', toSchedule: '{count} à planifier', sessions: 'Séances', sessionN: 'Séance {n}',
  stateScheduled: 'Planifiée', stateToSchedule: 'À planifier', stateAttended: 'Suivie', stateNoShow: 'Manquée', stateCancelled: 'Annulée',
  changeUntil: 'Déplacement ou annulation gratuits jusqu’au {date}', joinOnline: 'Rejoindre en ligne', bookNext: 'Réserver la prochaine séance', reschedule: 'Déplacer',
  moveSeriesLater: 'Toutes les suivantes une semaine plus tard', moveSeriesEarlier: 'Une semaine plus tôt', cancelSession: 'Annuler la séance', cancelBooking: 'Annuler la réservation',
  quoteHeading: 'Ce que l’annulation implique', quoteRefund: 'Remboursé', quoteFee: 'Frais retenus', quoteCredits: 'Crédits rendus', quoteDue: 'Reste dû',
  ruleCancelledInTime: 'à temps\u202f: gratuit', ruleLateCancellation: 'tardive\u202f: frais', ruleNoShow: 'manquée', ruleCompleted: 'suivie',
  ruleNotScheduled: 'non planifiée', ruleOther: 'selon les règles du studio',
  unscheduleNote: 'La séance redevient «\u202fà planifier\u202f»\u202f; aucun argent ne bouge.', confirmCancel: 'Confirmer l’annulation', keep: 'Garder', done: 'C’est fait.',
  milestones: 'Étapes', due: 'Échéance le {date}', completed: 'Atteinte', money: 'Paiements', paid: 'Payé', total: 'Total', balance: 'Solde ouvert',
  nextInstallment: 'Prochaine échéance\u202f: {amount} le {date}', documents: 'Factures et notes de crédit', invoice: 'Facture {number}', creditNote: 'Note de crédit {number}',
  download: 'Télécharger', pickTime: 'Choisir un horaire', close: 'Fermer', moved: 'Déplacée.', booked: 'Réservée.',
  messages: 'Messages', noMessages: 'Pas encore de messages. Écrivez ici à votre enseignant·e.', you: 'Vous', write: 'Votre message', sendMessage: 'Envoyer', sent: 'Envoyé.',
  calendar: 'Agenda', subscribe: 'Créer un lien d’abonnement', subscribeNote: 'Ajoutez cette adresse à votre application d’agenda (abonnement par URL)\u202f: vos séances y restent à jour. Un nouveau lien remplace l’ancien.',
  bookRemaining: 'Réserver toutes les séances restantes', moveSeries: 'Déplacer la série à une nouvelle première date', seriesNote: 'Choisissez la première date\u202f; les autres suivent au rythme du programme.', addToCalendar: 'Ajouter au calendrier', updateCard: 'Changer de carte', cardNote: 'La carte est enregistrée pour les prochaines échéances\u202f; rien n’est débité maintenant.', saveCard: 'Enregistrer la carte', testCard: 'Mode test\u202f: aucune vraie carte n’est enregistrée.', cardSaved: 'Carte enregistrée.', payBalance: 'Payer le solde ouvert ({amount})', payOnce: 'Payer {amount} par carte maintenant', payOnceTest: 'Mode test\u202f: un paiement unique nécessite Stripe\u202f; utilisez «\u202fPayer le solde ouvert\u202f» avec la carte enregistrée.', balancePaid: 'Merci\u202f: votre paiement est en cours de confirmation et apparaît ici dans un instant.', balanceCharging: 'Paiement de {amount} lancé\u202f: il apparaît ici dès qu’il est passé.', payNowIntro: 'Réservé pour vous jusqu’au {date}\u202f: payez {amount} pour confirmer la réservation.', payNow: 'Payer {amount} maintenant', payNowTest: 'Mode test\u202f: aucune vraie carte n’est débitée.', linkPaid: 'Payé\u202f: votre réservation est confirmée.',
  referralHeading: 'Parrainer un ami', referralNote: 'Un ami qui réserve avec votre code obtient {discount} de réduction sur sa première réservation. Dès que sa réservation est payée et ne peut plus être annulée gratuitement, vous recevez des crédits\u202f: {credits}.', referralCode: 'Votre code', referralLink: 'Votre lien', copyLink: 'Copier le lien', copied: 'Lien copié.', referralEarned: 'Crédits reçus\u202f: {granted}. En attente de la fin du délai d’annulation gratuite\u202f: {pending}.',
};
