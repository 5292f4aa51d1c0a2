/** Word lists for generated clients: a mix of the names a US front desk actually sees, accents included. */

// prettier-ignore
export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen',
  'Charles', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret',
  'Donald', 'Ashley', 'Steven', 'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle',
  'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'Timothy', 'Deborah', 'Ronald', 'Stephanie',
  'George', 'Rebecca', 'Jason', 'Sharon', 'Edward', 'Laura', 'Jeffrey', 'Cynthia', 'Ryan', 'Dorothy',
  'Jacob', 'Amy', 'Nicholas', 'Kathleen', 'Gary', 'Angela', 'Eric', 'Shirley', 'Jonathan', 'Emma',
  'Stephen', 'Brenda', 'Larry', 'Pamela', 'Justin', 'Nicole', 'Scott', 'Anna', 'Brandon', 'Samantha',
  'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Debra', 'Alexander', 'Rachel', 'Patrick', 'Carolyn',
  'Frank', 'Janet', 'Raymond', 'Maria', 'Jack', 'Olivia', 'Dennis', 'Heather', 'Jerry', 'Helen',
  'José', 'María', 'Zoë', 'Chloé', 'Renée', 'André', 'Siobhán', 'Seán', 'Zoé', 'Inés',
  'Ngozi', 'Aaliyah', 'DeShawn', 'Priya', 'Arjun', 'Mei', 'Wei', 'Hiroshi', 'Yuki', 'Fatima',
  'Omar', 'Mateo', 'Sofía', 'Camila', 'Diego', 'Lucía', 'Valentina', 'Santiago', 'Thanh', 'Linh',
  'Ana', 'Luis', 'Carmen', 'Jorge', 'Rosa', 'Miguel', 'Noah', 'Liam', 'Ava', 'Mia',
];

// prettier-ignore
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  "O'Brien", "O'Connor", 'McDonald', 'Núñez', 'Peña', 'Muñoz', 'Sørensen', 'Müller', 'Kowalski', 'Nowak',
  'Patel', 'Shah', 'Singh', 'Chen', 'Wang', 'Li', 'Zhang', 'Tanaka', 'Sato', 'Okafor',
  'Van der Berg', 'De la Cruz', 'St. James', 'Fitzgerald', 'Schmidt', 'Rossi', 'Bianchi', 'Dubois', 'Lefèvre', 'Brennan',
];

// prettier-ignore
export const PET_NAMES = [
  'Bella', 'Max', 'Luna', 'Charlie', 'Lucy', 'Cooper', 'Bailey', 'Daisy', 'Sadie', 'Molly',
  'Buddy', 'Lola', 'Stella', 'Tucker', 'Bentley', 'Zoey', 'Harley', 'Maggie', 'Riley', 'Bear',
  'Sophie', 'Duke', 'Jax', 'Oliver', 'Chloe', 'Penny', 'Lily', 'Milo', 'Rocky', 'Winston',
  'Gracie', 'Leo', 'Zeus', 'Nala', 'Roxy', 'Coco', 'Teddy', 'Rosie', 'Toby', 'Ellie',
  'Murphy', 'Louie', 'Ruby', 'Jack', 'Mia', 'Dexter', 'Piper', 'Finn', 'Koda', 'Hazel',
  'Oreo', 'Pepper', 'Ginger', 'Biscuit', 'Peanut', 'Mochi', 'Waffles', 'Pickles', 'Noodle', 'Ziggy',
  'Simba', 'Smokey', 'Tiger', 'Shadow', 'Kitty', 'Misty', 'Oscar', 'Felix', 'Willow', 'Cleo',
  'Gizmo', 'Bandit', 'Ranger', 'Scout', 'Sasha', 'Nova', 'Olive', 'Juniper', 'Maple', 'Pumpkin',
  'Señor Wiggles', 'Mr. Whiskers', 'Sir Barks-a-Lot', 'Chewy', 'Kiki', 'Bruno', 'Apollo', 'Athena', 'Thor', 'Loki',
];

/** Species with the breeds a desk would record for them. */
// prettier-ignore
export const BREEDS: Record<string, string[]> = {
  Dog: [
    'Labrador Retriever', 'Golden Retriever', 'German Shepherd', 'French Bulldog', 'Bulldog', 'Poodle', 'Beagle',
    'Rottweiler', 'Dachshund', 'Boxer', 'Shih Tzu', 'Australian Shepherd', 'Border Collie', 'Goldendoodle',
    'Chihuahua', 'Pug', 'Cavalier King Charles Spaniel', 'Siberian Husky', 'Yorkshire Terrier', 'Mixed breed',
  ],
  Cat: ['Domestic Shorthair', 'Domestic Longhair', 'Maine Coon', 'Siamese', 'Ragdoll', 'Bengal', 'Persian', 'Sphynx'],
  Rabbit: ['Holland Lop', 'Mini Rex', 'Lionhead', 'Netherland Dwarf'],
  Bird: ['Cockatiel', 'Budgerigar', 'African Grey', 'Conure'],
  'Guinea pig': ['American', 'Abyssinian', 'Peruvian'],
};

/** Real US area codes (so libphonenumber-js accepts the numbers), spread across the country. */
// prettier-ignore
export const AREA_CODES = [
  '201', '202', '203', '205', '206', '207', '208', '210', '212', '213', '214', '215', '216', '217', '218', '224',
  '225', '228', '229', '231', '234', '239', '240', '248', '251', '252', '253', '254', '256', '260', '262', '267',
  '269', '270', '281', '301', '302', '303', '304', '305', '307', '308', '309', '310', '312', '313', '314', '315',
  '316', '317', '318', '319', '320', '321', '323', '330', '334', '336', '337', '339', '347', '351', '352', '360',
  '361', '386', '401', '402', '404', '405', '406', '407', '408', '409', '410', '412', '413', '414', '415', '417',
  '419', '423', '425', '430', '432', '434', '435', '440', '443', '469', '478', '479', '480', '484', '501', '502',
  '503', '504', '505', '507', '508', '509', '510', '512', '513', '515', '516', '517', '518', '520', '530', '540',
  '541', '559', '561', '562', '563', '567', '570', '571', '573', '574', '580', '585', '586', '601', '602', '603',
  '605', '606', '607', '608', '609', '610', '612', '614', '615', '616', '617', '618', '619', '620', '623', '626',
  '630', '631', '636', '646', '650', '651', '660', '661', '662', '678', '682', '701', '702', '703', '704', '706',
  '707', '708', '712', '713', '714', '715', '716', '717', '718', '719', '720', '724', '727', '731', '732', '734',
  '740', '754', '757', '760', '763', '765', '770', '772', '773', '774', '775', '781', '785', '786', '801', '802',
  '803', '804', '805', '806', '808', '810', '812', '813', '814', '815', '816', '817', '818', '828', '830', '831',
  '832', '843', '845', '847', '848', '850', '856', '857', '858', '859', '860', '862', '863', '864', '865', '870',
  '901', '903', '904', '906', '907', '908', '909', '910', '912', '913', '914', '915', '916', '917', '918', '919',
  '920', '925', '928', '931', '936', '937', '940', '941', '947', '949', '951', '952', '954', '956', '970', '971',
  '972', '973', '978', '979', '980', '985', '989',
];
