/** Size of every preview image (Open Graph's and Twitter's large card: 1.91 : 1). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;
