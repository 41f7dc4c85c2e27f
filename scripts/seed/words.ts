/** Word lists the demo catalog, customers and addresses are made from. */

export type ProductType = {
  category: 'APP' | 'OUT' | 'HOM';
  code: string;
  noun: string;
  /** Base price range in whole dollars. */
  price: readonly [number, number];
  /** Units per case: receipts come in multiples of it. */
  casePack: number;
  /** How often it sells relative to other types. */
  demand: number;
};

export const productTypes: readonly ProductType[] = [
  { category: 'APP', code: 'TSH', noun: 'Tee', price: [14, 38], casePack: 12, demand: 3 },
  { category: 'APP', code: 'HOD', noun: 'Hoodie', price: [45, 95], casePack: 6, demand: 2 },
  { category: 'APP', code: 'JKT', noun: 'Jacket', price: [80, 300], casePack: 4, demand: 1.2 },
  { category: 'APP', code: 'PNT', noun: 'Pants', price: [40, 110], casePack: 6, demand: 1.5 },
  { category: 'APP', code: 'SCK', noun: 'Socks', price: [5, 22], casePack: 24, demand: 3 },
  { category: 'APP', code: 'HAT', noun: 'Beanie', price: [12, 36], casePack: 12, demand: 1.5 },
  { category: 'APP', code: 'SHR', noun: 'Shorts', price: [25, 65], casePack: 6, demand: 1.5 },
  { category: 'OUT', code: 'TNT', noun: 'Tent', price: [120, 300], casePack: 2, demand: 0.6 },
  { category: 'OUT', code: 'BKP', noun: 'Backpack', price: [45, 220], casePack: 4, demand: 1.3 },
  { category: 'OUT', code: 'SLB', noun: 'Sleeping Bag', price: [70, 280], casePack: 2, demand: 0.7 },
  { category: 'OUT', code: 'BTL', noun: 'Water Bottle', price: [12, 45], casePack: 12, demand: 2.5 },
  { category: 'OUT', code: 'LMP', noun: 'Headlamp', price: [18, 75], casePack: 12, demand: 1.2 },
  { category: 'OUT', code: 'CHR', noun: 'Camp Chair', price: [35, 150], casePack: 4, demand: 0.8 },
  { category: 'OUT', code: 'CKW', noun: 'Cookset', price: [25, 120], casePack: 6, demand: 0.7 },
  { category: 'HOM', code: 'MUG', noun: 'Mug', price: [9, 32], casePack: 12, demand: 2 },
  { category: 'HOM', code: 'BLK', noun: 'Throw Blanket', price: [35, 160], casePack: 4, demand: 1 },
  { category: 'HOM', code: 'CND', noun: 'Candle', price: [12, 48], casePack: 12, demand: 1.8 },
  { category: 'HOM', code: 'PIL', noun: 'Pillow Cover', price: [18, 60], casePack: 8, demand: 1.2 },
  { category: 'HOM', code: 'TWL', noun: 'Towel Set', price: [25, 90], casePack: 6, demand: 1 },
  { category: 'HOM', code: 'LNT', noun: 'Lantern', price: [28, 120], casePack: 4, demand: 0.7 },
  { category: 'HOM', code: 'BWL', noun: 'Serving Bowl', price: [15, 70], casePack: 6, demand: 0.8 },
];

export const brands = [
  'Summit', 'Ridgeline', 'Northfold', 'Cedar & Pine', 'Trailhead', 'Harbor', 'Alder', 'Basecamp', 'Lumen',
  'Driftwood', 'Granite', 'Fieldhouse', 'Kestrel', 'Meadow', 'Timberline', 'Wayfarer',
] as const;

export const styles: Record<ProductType['category'], readonly string[]> = {
  APP: ['Merino', 'Organic Cotton', 'Heavyweight', 'Everyday', 'Performance', 'Fleece', 'Linen Blend', 'Ripstop', 'Recycled', 'Classic'],
  OUT: ['Ultralight', 'Expedition', 'Trail', 'Alpine', 'Packable', 'Insulated', 'Weekender', 'Backcountry', 'Basecamp', 'Compact'],
  HOM: ['Stoneware', 'Handwoven', 'Waffle Knit', 'Soy Wax', 'Linen', 'Ceramic', 'Farmhouse', 'Nordic', 'Cotton Gauze', 'Speckled'],
};

export const colors = [
  'Slate', 'Moss', 'Sand', 'Rust', 'Navy', 'Charcoal', 'Oat', 'Forest', 'Clay', 'Glacier', 'Ochre', 'Black',
  'Heather Grey', 'Sage', 'Ember', 'Fog',
] as const;

export const firstNames = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Mia', 'Lucas', 'Amelia', 'Mateo',
  'Harper', 'Ethan', 'Isabella', 'Benjamin', 'Chloe', 'Daniel', 'Priya', 'Wei', 'Fatima', 'Diego', 'Aisha',
  'Kenji', 'Nora', 'Omar', 'Grace', 'Samuel', 'Zoe', 'Hannah', 'Leo', 'Maya', 'Carlos', 'Ines', 'Tariq', 'Yuki',
] as const;

export const lastNames = [
  'Smith', 'Johnson', 'Garcia', 'Brown', 'Miller', 'Davis', 'Martinez', 'Lopez', 'Wilson', 'Anderson', 'Thomas',
  'Moore', 'Jackson', 'Lee', 'Nguyen', 'Patel', 'Kim', 'Chen', 'Walker', 'Hall', 'Young', 'Rivera', 'Campbell',
  'Okafor', 'Schmidt', 'Rossi', 'Haddad', 'Tanaka', 'Murphy', 'Cohen', 'Silva', 'Novak',
] as const;

/** Wholesale buyers order from a short list of shops. */
export const wholesaleBuyers = [
  'Blue Ridge Outfitters', 'Harbor Goods Co.', 'Canyon Supply', 'Lakeside Mercantile', 'Pine & Pebble',
  'Trailside General Store', 'Urban Nest Home', 'Coastline Provisions',
] as const;

export const streets = [
  'Main', 'Oak', 'Maple', 'Cedar', 'Elm', 'Pine', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset', 'Ridge',
  'River', 'Highland', 'Willow', 'Spring',
] as const;

export const streetSuffixes = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Way'] as const;

/** Ship-to cities, with which coast fulfils them first. */
export const cities: readonly { city: string; postalCode: string; region: 'EAST' | 'WEST'; weight: number }[] = [
  { city: 'New York, NY', postalCode: '10001', region: 'EAST', weight: 8 },
  { city: 'Brooklyn, NY', postalCode: '11201', region: 'EAST', weight: 4 },
  { city: 'Boston, MA', postalCode: '02108', region: 'EAST', weight: 3 },
  { city: 'Philadelphia, PA', postalCode: '19103', region: 'EAST', weight: 3 },
  { city: 'Washington, DC', postalCode: '20001', region: 'EAST', weight: 3 },
  { city: 'Atlanta, GA', postalCode: '30303', region: 'EAST', weight: 3 },
  { city: 'Miami, FL', postalCode: '33130', region: 'EAST', weight: 3 },
  { city: 'Chicago, IL', postalCode: '60601', region: 'EAST', weight: 4 },
  { city: 'Charlotte, NC', postalCode: '28202', region: 'EAST', weight: 2 },
  { city: 'Columbus, OH', postalCode: '43215', region: 'EAST', weight: 2 },
  { city: 'Minneapolis, MN', postalCode: '55401', region: 'EAST', weight: 2 },
  { city: 'Los Angeles, CA', postalCode: '90012', region: 'WEST', weight: 6 },
  { city: 'San Francisco, CA', postalCode: '94103', region: 'WEST', weight: 4 },
  { city: 'Seattle, WA', postalCode: '98101', region: 'WEST', weight: 3 },
  { city: 'Portland, OR', postalCode: '97204', region: 'WEST', weight: 3 },
  { city: 'Denver, CO', postalCode: '80202', region: 'WEST', weight: 3 },
  { city: 'Austin, TX', postalCode: '78701', region: 'WEST', weight: 3 },
  { city: 'Phoenix, AZ', postalCode: '85004', region: 'WEST', weight: 2 },
  { city: 'Salt Lake City, UT', postalCode: '84101', region: 'WEST', weight: 2 },
  { city: 'San Diego, CA', postalCode: '92101', region: 'WEST', weight: 2 },
];

/** The people whose names appear in audit trails. */
export const opsStaff = ['ops:maria', 'ops:dev', 'ops:li', 'ops:jamal', 'ops:sofia', 'ops:tom'] as const;
export const warehouseStaff = ['ops:ana', 'ops:kofi', 'ops:rhys', 'ops:lena', 'ops:marco'] as const;
