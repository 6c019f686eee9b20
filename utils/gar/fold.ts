/** Case and accents ignored, so « modele » finds « Modèle » and « FIN » names the « Fin » column. */
export function foldCaseAndAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
