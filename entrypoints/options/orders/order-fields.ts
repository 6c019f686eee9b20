import type { OrderField } from '../../../utils/gar/order-import';
import type { MessageKey } from '../../../utils/i18n';

/** The fields an order file may carry, in the order the mapping step asks for them. */
export const ORDER_FIELDS: ReadonlyArray<readonly [OrderField, MessageKey]> = [
  ['resourceTitle', 'ordersFieldTitle'],
  ['ark', 'ordersFieldArk'],
  ['ean', 'ordersFieldEan'],
  ['distributor', 'ordersFieldDistributor'],
  ['quantity', 'ordersFieldQuantity'],
  ['quantityEleve', 'ordersFieldQuantityEleve'],
  ['quantityEnseignant', 'ordersFieldQuantityEnseignant'],
  ['quantityDocumentaliste', 'ordersFieldQuantityDocumentaliste'],
  ['quantityAutre', 'ordersFieldQuantityAutre'],
  ['schoolYear', 'ordersFieldSchoolYear'],
  ['start', 'ordersFieldStart'],
  ['end', 'ordersFieldEnd'],
  ['reference', 'ordersFieldReference'],
];
